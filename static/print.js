/* 学びナビ: a button with data-print prints the page (kept out of the HTML: the CSP allows
   scripts from /static only, no inline handlers). */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
