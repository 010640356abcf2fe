"""Personal data kept out of logs and error reports, as a safety net behind the rule that log
messages name ids and references only.

Views that take personal data carry Django's sensitive_post_parameters/sensitive_variables,
which blank the posted values and every local variable of the frames under them. What those
do not cover is handled here: an exception's own message (a database error may quote the
e-mail address that clashed), the names of uploaded files ("passport Nguyen Lan.pdf"), and
any log line or traceback that carries an e-mail address or a telephone number.
"""

import logging
import re

from django.views.debug import ExceptionReporter

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# An international number as people write it: +84 24 3825 3536, +1 (202) 555-0143.
PHONE = re.compile(r"\+\d[\d ()./-]{6,}\d")


def redact(text):
    return PHONE.sub("[phone]", EMAIL.sub("[e-mail]", text))


class RedactingFilter(logging.Filter):
    """On a handler: the record's message and traceback with e-mail addresses and telephone
    numbers blanked."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class PersonalDataExceptionReporter(ExceptionReporter):
    """Django's error report (the admins' mail, the 500 page with DEBUG on) without the names
    of uploaded files, and with the exception's message redacted."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if "request_FILES_items" in data:
            data["request_FILES_items"] = [
                (field, "[a file]") for field, _upload in self.request.FILES.items()]
        if "exception_value" in data:
            data["exception_value"] = redact(data["exception_value"])
        return data
