"""Test e-mail backends: one that fails once then delivers (locmem), one that always fails."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FailOnceBackend(EmailBackend):
    """Raises an SMTP error for the first message sent in the process, then delivers."""

    failures_left = 1

    def send_messages(self, messages):
        if FailOnceBackend.failures_left > 0:
            FailOnceBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed (test)")
        return super().send_messages(messages)


class AlwaysFailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x": (550, b"refused (test)")})
