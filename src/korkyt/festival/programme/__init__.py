"""The festival's screening programme: venues and rooms of an edition, the screening grid (proposed by
korkyt.scheduling, edited by staff, published), its versions with diffs, and tickets through the events
booking engine."""
