"""What the commands run beyond a build: check, serve, the newsletter email, reports."""
