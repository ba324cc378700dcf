"""An upload handler for files that are read and never kept (the verification page's file check)."""

import io

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory, never on disk, up to `limit` bytes. A larger file is dropped
    and `too_large` set: a request announcing a larger body is not read at all, and a file found
    larger while it arrives is skipped (the rest of it is read and thrown away).

    Install it before anything reads the request's body: `request.upload_handlers = [handler]`."""

    def __init__(self, limit: int, request=None):
        super().__init__(request)
        self.limit = limit
        self.too_large = False
        self.buffer = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.limit + FORM_OVERHEAD_BYTES:
            self.too_large = True
            return QueryDict(), MultiValueDict()
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            self.buffer = None
            raise SkipFile
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )
