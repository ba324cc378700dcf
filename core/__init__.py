"""The bottom layer: helpers every app shares (base models, services' error types, base views and
viewsets, the API's error answers, PDF rendering, exports, charts, template tags). It imports no app
of the project; see docs/decisions/0050-layers.md."""
