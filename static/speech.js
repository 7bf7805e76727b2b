/* 学びナビ: voice input for the career log (Web Speech API), where the browser has it.
   Progressive: without the API the button stays hidden and the form works as typed text. */
(function () {
  "use strict";
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!Recognition) return;
  var LABEL = "声で入力する", STOP = "止める";
  Array.prototype.forEach.call(document.querySelectorAll("[data-speech-for]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-speech-for"));
    var status = button.parentNode.querySelector(".speech-status");
    var hint = document.querySelector(".speech-hint");
    if (!field) return;
    button.hidden = false;
    if (hint) hint.hidden = false;
    var recognition = null;
    function say(text) { if (status) status.textContent = text; }
    button.addEventListener("click", function () {
      if (recognition) { recognition.stop(); return; }
      recognition = new Recognition();
      recognition.lang = "ja-JP";
      recognition.interimResults = false;
      recognition.continuous = false;
      recognition.onresult = function (event) {
        var text = "";
        for (var i = event.resultIndex; i < event.results.length; i++) {
          if (event.results[i].isFinal) text += event.results[i][0].transcript;
        }
        if (text) {
          field.value = field.value ? field.value.replace(/\s+$/, "") + text : text;
          say("入力しました。内容を確かめてください。");
        }
      };
      recognition.onerror = function (event) {
        say(event.error === "not-allowed" || event.error === "service-not-allowed"
          ? "マイクの使用が許可されていません。文字で入力してください。"
          : "音声を聞き取れませんでした。もう一度お試しください。");
      };
      recognition.onend = function () {
        recognition = null;
        button.setAttribute("aria-pressed", "false");
        button.textContent = LABEL;
        field.focus();
      };
      try {
        recognition.start();
      } catch (e) {
        recognition = null;
        say("音声入力を始められませんでした。文字で入力してください。");
        return;
      }
      button.setAttribute("aria-pressed", "true");
      button.textContent = STOP;
      say("聞いています…話し終えると自動で止まります。");
    });
  });
})();
