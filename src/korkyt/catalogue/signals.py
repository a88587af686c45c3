"""Signals sent by the catalogue services inside their transaction, so that dependent apps (the search
index) stay in step without the catalogue importing them. Receivers must not commit on their own."""

from django.dispatch import Signal

#: sent with ``film`` after a film, its titles, countries or credits changed
film_changed = Signal()
#: sent with ``film_id`` just before a film is deleted
film_deleted = Signal()
#: sent with ``person`` after a person or their names changed
person_changed = Signal()
#: sent with ``person_id`` just before a person is deleted
person_deleted = Signal()
#: sent after a bulk load that bypassed the services; receivers rebuild what they derive (return a count)
catalogue_reloaded = Signal()
