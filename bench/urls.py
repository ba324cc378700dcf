"""The product's URLs plus the floor (bench/floor.py), for the benchmark's settings only."""

from django.urls import path

from kemitraan.urls import urlpatterns as product

from .floor import FloorApi, floor

urlpatterns = [
    path("bench/floor/<int:pk>/", floor, name="bench-floor"),
    path("bench/api/floor/<int:pk>/", FloorApi.as_view(), name="bench-floor-api"),
    *product,
]
