"""The web app: server-rendered Japanese pages per role and the JSON API under /api/v1."""
