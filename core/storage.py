from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files outside every web root, served only through views that check permission.

    The location comes from settings at run time, so migrations do not record a machine's path.
    """

    def __init__(self):
        super().__init__(location=settings.PRIVATE_STORAGE_ROOT, base_url=None)


private_storage = PrivateStorage()
