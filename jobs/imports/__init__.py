"""The import pages and the background import job. Reading, checking and applying a file are
agreements' (agreements.imports); choosing between the request and a background job is this app's,
the one that owns jobs."""
