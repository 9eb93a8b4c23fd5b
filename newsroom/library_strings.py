"""Text of libraries that ship no Arabic, which staff read in the admin.

Never imported: `makemessages` reads these calls into locale/ar/LC_MESSAGES/django.po, where
they are translated with the rest; gettext then finds the libraries' own strings there.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# django-tasks-db: the email queue (campaigns.admin.EmailQueueAdmin).
TASK_RESULTS = [
    _("Task Result"),
    _("Task Results"),
    _("status"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("return value"),
    _("exception class path"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
