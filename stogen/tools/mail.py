"""A test send of a newsletter: the email as a real multipart/alternative message, through an SMTP server.

The team sends an issue to itself before importing it into the mail service. The server comes from the
environment, so no password is ever written in the repository:

    STOGEN_SMTP_HOST      the server (required)
    STOGEN_SMTP_PORT      default 587
    STOGEN_SMTP_SECURITY  starttls (default for 587), ssl (default for 465) or none
    STOGEN_SMTP_USER, STOGEN_SMTP_PASSWORD   log in when both are set
    STOGEN_SMTP_FROM      the sender (default: the user, or nieuwsbrief@<the site's host>)
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import urlsplit

from stogen.model.config import Config
from stogen.model.issues import Issue
from stogen.outputs.email import Email, service_links

SECURITY = ("starttls", "ssl", "none")
TEST_PREFIX = "[TEST] "


class MailSettingsError(ValueError):
    """The SMTP settings in the environment are missing or wrong: the message says which and how to fix it."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str | None
    password: str | None
    sender: str


def smtp_settings(config: Config, env: Mapping[str, str] | None = None) -> SmtpSettings:
    env = os.environ if env is None else env
    host = env.get("STOGEN_SMTP_HOST", "").strip()
    if not host:
        raise MailSettingsError(
            "STOGEN_SMTP_HOST is not set: say which SMTP server sends the test (see docs/newsletter.md)"
        )
    try:
        port = int(env.get("STOGEN_SMTP_PORT", "587"))
    except ValueError:
        raise MailSettingsError(f"STOGEN_SMTP_PORT must be a number, not {env['STOGEN_SMTP_PORT']!r}") from None
    security = env.get("STOGEN_SMTP_SECURITY", "ssl" if port == 465 else "starttls" if port == 587 else "none")
    if security not in SECURITY:
        raise MailSettingsError(f"STOGEN_SMTP_SECURITY must be one of {', '.join(SECURITY)}, not {security!r}")
    user = env.get("STOGEN_SMTP_USER") or None
    password = env.get("STOGEN_SMTP_PASSWORD") or None
    default_sender = user if user and "@" in user else f"nieuwsbrief@{urlsplit(config.base_url).hostname}"
    return SmtpSettings(host, port, security, user, password, env.get("STOGEN_SMTP_FROM") or default_sender)


def test_message(config: Config, issue: Issue, email: Email, sender: str, recipients: list[str]) -> EmailMessage:
    """The message a subscriber would get (text part first, then HTML), marked as a test in its subject."""
    message = EmailMessage()
    message["Subject"] = TEST_PREFIX + issue.subject
    message["From"] = Address(config.title, addr_spec=sender)
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    _web_version, unsubscribe = service_links(config, issue)
    # The mail service fills in its own unsubscribe link; a test shows where it goes.
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    if unsubscribe.startswith("https://"):
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.text, subtype="plain", charset="utf-8")
    message.add_alternative(email.html, subtype="html", charset="utf-8")
    return message


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    """Send through the SMTP server; smtplib's errors (refused, unreachable, bad login) reach the caller."""
    context = ssl.create_default_context()
    if settings.security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=30, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=30)
    with server:
        if settings.security == "starttls":
            server.starttls(context=context)
        if settings.user and settings.password:
            server.login(settings.user, settings.password)
        server.send_message(message, from_addr=settings.sender)
