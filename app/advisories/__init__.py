"""The advisory database: OSV records stored in the app's database, their importers and the sync job."""
