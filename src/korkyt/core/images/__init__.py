"""One mechanism for pictures: films' posters and stills, people's portraits, institutions' logos.

- ``files``: an upload checked by its content (JPEG, PNG, WebP), size-limited, EXIF stripped; thumbnails made
  on first use by sorl-thumbnail on the media storage; the view that serves them.
- ``services``: ``image_add``, ``image_delete``, ``image_alt_set`` for any record that declares an
  ``ImageRelation`` (``core.models``): the relation names the kinds it takes and the permission to change
  them.
- ``present``: what a page draws, a ``Picture`` (thumbnail, ``srcset`` for dense screens, alt text in the
  best language with its tag).
- ``views``: the editors' page of a record's pictures, used by every app's thin view.
"""
