"""The match page inside the web app: layout, CSRF, results with reasons, the note kept in the form."""


def test_the_page_shows_the_form_and_the_results(client_for):
    client, csrf = client_for("owner")
    page = client.get("/match")
    assert page.status_code == 200 and "<textarea" in page.text and "あなたに合う制度を探す" in page.text
    assert "キャリアログ" in page.text  # the app's navigation wraps the page
    note = "パン屋で働いています。パン作りの技術を国の資格として形にしたい。"
    result = client.post("/match", data={"note": note, "role": "employee", "csrf_token": csrf})
    assert result.status_code == 200
    assert "技能検定（食料品関係）" in result.text and "出典" in result.text
    assert note in result.text  # the note stays in the form
    empty = client.post("/match", data={"note": " ", "csrf_token": csrf})
    assert "ノートを入力してください" in empty.text


def test_the_form_needs_its_csrf_token(client_for):
    client, _ = client_for("owner")
    assert client.post("/match", data={"note": "学びたい"}).status_code == 403
