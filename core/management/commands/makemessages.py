"""makemessages that also extracts ``_lazy("…")``.

Modules that use ``_`` for gettext import gettext_lazy as ``_lazy`` for labels built at import time;
xgettext knows only the standard names, so without this those strings never reach the catalogues.
"""

from django.core.management.commands.makemessages import Command as MakeMessagesCommand


class Command(MakeMessagesCommand):
    xgettext_options = [*MakeMessagesCommand.xgettext_options, "--keyword=_lazy"]
