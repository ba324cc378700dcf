"""Demo data for `manage.py seed_demo`: a believable home government, its partners and agreements.

world.py: the home government, OPDs, regional potentials, partners and contacts (registry services);
users.py: one demo user per role; stories.py: agreements at every stage (agreements and evaluations
services, so gates and history apply); scale.py: bulk volume for benchmarks; pdf.py: small signed copies.
"""
