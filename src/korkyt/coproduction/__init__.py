"""Co-production projects: partners, financing plan, key elements, treaty eligibility and the review of
the competent authorities of each partner country (docs/coproduction.md)."""
