"""Prefect flows that orchestrate the ``claims`` library; no extraction or storage logic lives here."""
