"""Uploaded files on the local disk (``MEDIA_ROOT``), never left half-written.

When the disk fills up in the middle of a file (``ENOSPC``, or a quota: ``EDQUOT``), Django's
``FileSystemStorage`` leaves the partial file behind; this one removes it and lets the error
go on: the service's transaction rolls back, and ``core.views.server_error`` answers with the
Spanish 507 page.
"""

import contextlib
import errno
import os

from django.core.files.storage import FileSystemStorage

DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.exists(path)
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno in DISK_FULL and not existed:
                with contextlib.suppress(OSError):
                    os.remove(path)
            raise
