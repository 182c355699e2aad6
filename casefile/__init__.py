"""The Case and everything about storing it.

Part modules (casefile/checklist.py ...) subclass ``casefile.models.Value`` and models.py imports them back for the
Case's fields, so models must always load first, whichever module a caller imports first.
"""

from casefile import models as _models  # noqa: F401
