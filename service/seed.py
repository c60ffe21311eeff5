"""Loading the seed researcher through the same importer as any OpenAlex download."""

from __future__ import annotations

from neo4j import AsyncDriver
from service.graph import setup_schema
from service.importer.loader import Summary, import_items, items_from
from service.settings import ROOT

SEED_DIR = ROOT / "seed"
SEED_RESEARCHER_ID = "seed:borui-zhao"
# Real OpenAlex works (data/openalex/SOURCE.md): something to search and explore beside the seed.
SAMPLE = ROOT / "data" / "openalex" / "api-pages" / "works-page-200.json"


async def seed(driver: AsyncDriver, database: str) -> Summary:
    """Create the schema and load `seed/*.json`; running it again changes nothing."""
    await setup_schema(driver, database)
    return await import_items(
        driver, database, items_from(sorted(SEED_DIR.glob("*.json"))), source="seed", fail_fast=True
    )


async def load_sample(driver: AsyncDriver, database: str) -> Summary:
    """Load the sample works (after `seed`); running it again changes nothing."""
    return await import_items(driver, database, items_from([SAMPLE]), source="openalex")
