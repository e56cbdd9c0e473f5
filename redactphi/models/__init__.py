"""Trained models shipped as package data (see each model's PROVENANCE.json)."""
