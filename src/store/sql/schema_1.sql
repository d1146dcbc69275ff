-- Nestmap map file, schema version 1 (before the agreement status history).
-- Kept to check the schema of a version-1 file exactly before migrating it;
-- never change it: schema.sql is the current one.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Taxonomy ------------------------------------------------------------------

CREATE TABLE sector (
  id      INTEGER PRIMARY KEY,
  uuid    BLOB NOT NULL CHECK (length(uuid) = 16),
  key     TEXT NOT NULL UNIQUE,
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  color   TEXT NOT NULL,
  sort    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE actor_type (
  id        INTEGER PRIMARY KEY,
  uuid      BLOB NOT NULL CHECK (length(uuid) = 16),
  key       TEXT NOT NULL UNIQUE,
  name_nl   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  sector_id INTEGER REFERENCES sector (id),
  color     TEXT NOT NULL,
  shape     TEXT NOT NULL CHECK (shape IN ('circle', 'square', 'diamond', 'triangle', 'hexagon')),
  line      INTEGER NOT NULL CHECK (line BETWEEN 0 AND 3),
  sort      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tie_type (
  id       INTEGER PRIMARY KEY,
  uuid     BLOB NOT NULL CHECK (length(uuid) = 16),
  key      TEXT NOT NULL UNIQUE,
  name_nl  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  color    TEXT NOT NULL,
  directed INTEGER NOT NULL CHECK (directed IN (0, 1)),
  sort     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agreement_type (
  id      INTEGER PRIMARY KEY,
  uuid    BLOB NOT NULL CHECK (length(uuid) = 16),
  key     TEXT NOT NULL UNIQUE,
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort    INTEGER NOT NULL DEFAULT 0
);

-- Labels and colours of the fixed agreement workflow.
CREATE TABLE status_label (
  id      INTEGER PRIMARY KEY,
  uuid    BLOB NOT NULL CHECK (length(uuid) = 16),
  status  TEXT NOT NULL UNIQUE CHECK (status IN ('idea', 'discussion', 'agreed', 'formalised', 'practice', 'evaluated', 'stopped')),
  name_nl TEXT NOT NULL,
  name_en TEXT NOT NULL,
  color   TEXT NOT NULL
);

-- Nest template ---------------------------------------------------------------

CREATE TABLE nest_template (
  id          INTEGER PRIMARY KEY,
  uuid        BLOB NOT NULL CHECK (length(uuid) = 16),
  key         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  hop_limit   INTEGER NOT NULL CHECK (hop_limit >= 1)
);

CREATE TABLE nest_category (
  id          INTEGER PRIMARY KEY,
  uuid        BLOB NOT NULL CHECK (length(uuid) = 16),
  template_id INTEGER NOT NULL REFERENCES nest_template (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  name_nl     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  reach       TEXT NOT NULL CHECK (reach IN ('formal', 'any')),
  hop_limit   INTEGER CHECK (hop_limit >= 1),
  radius_km   REAL NOT NULL CHECK (radius_km > 0),
  weight      REAL NOT NULL CHECK (weight > 0),
  sort        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (template_id, key)
);

-- Which actor types count for a category.
CREATE TABLE nest_category_actor_type (
  category_id   INTEGER NOT NULL REFERENCES nest_category (id) ON DELETE CASCADE,
  actor_type_id INTEGER NOT NULL REFERENCES actor_type (id),
  PRIMARY KEY (category_id, actor_type_id)
) WITHOUT ROWID;

-- Actors and contacts ---------------------------------------------------------

CREATE TABLE actor (
  id                INTEGER PRIMARY KEY,
  uuid              BLOB NOT NULL CHECK (length(uuid) = 16),
  external_id       TEXT NOT NULL DEFAULT '',
  name              TEXT NOT NULL,
  short_name        TEXT NOT NULL DEFAULT '',
  type_id           INTEGER NOT NULL REFERENCES actor_type (id),
  parent_id         INTEGER REFERENCES actor (id),
  address           TEXT NOT NULL DEFAULT '',
  postcode          TEXT NOT NULL DEFAULT '',
  municipality      TEXT NOT NULL DEFAULT '',
  latitude          REAL CHECK (latitude BETWEEN -90 AND 90),
  longitude         REAL CHECK (longitude BETWEEN -180 AND 180),
  province          TEXT NOT NULL DEFAULT '',
  eerstelijnszone   TEXT NOT NULL DEFAULT '',
  judicial_district TEXT NOT NULL DEFAULT '',
  line              INTEGER NOT NULL CHECK (line BETWEEN 0 AND 3),
  influence         INTEGER NOT NULL DEFAULT 0 CHECK (influence BETWEEN 0 AND 5),
  interest          INTEGER NOT NULL DEFAULT 0 CHECK (interest BETWEEN 0 AND 5),
  notes             TEXT NOT NULL DEFAULT '',
  valid_from        TEXT,
  valid_to          TEXT
);

CREATE TABLE actor_tag (
  actor_id INTEGER NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  tag      TEXT NOT NULL,
  PRIMARY KEY (actor_id, position)
) WITHOUT ROWID;

-- Custom fields: free key/value pairs per actor.
CREATE TABLE actor_field (
  actor_id INTEGER NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (actor_id, key)
) WITHOUT ROWID;

-- Professional contacts only. personal_data = 1 when the contact names a person.
CREATE TABLE contact (
  id            INTEGER PRIMARY KEY,
  uuid          BLOB NOT NULL CHECK (length(uuid) = 16),
  actor_id      INTEGER NOT NULL REFERENCES actor (id),
  name          TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  personal_data INTEGER NOT NULL DEFAULT 1 CHECK (personal_data IN (0, 1))
);

-- Ties: a multigraph, several ties per pair allowed.
CREATE TABLE tie (
  id          INTEGER PRIMARY KEY,
  uuid        BLOB NOT NULL CHECK (length(uuid) = 16),
  source_id   INTEGER NOT NULL REFERENCES actor (id),
  target_id   INTEGER NOT NULL REFERENCES actor (id),
  type_id     INTEGER NOT NULL REFERENCES tie_type (id),
  direction   TEXT NOT NULL CHECK (direction IN ('directed', 'undirected', 'mutual')),
  strength    INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 3),
  status      TEXT NOT NULL CHECK (status IN ('planned', 'active', 'ended')),
  valid_from  TEXT,
  valid_to    TEXT,
  source_note TEXT NOT NULL DEFAULT '',
  weight      REAL CHECK (weight > 0)  -- imported graphs; NULL: the strength is the weight
);

-- Custom fields of ties (attributes of imported edges).
CREATE TABLE tie_field (
  tie_id INTEGER NOT NULL REFERENCES tie (id) ON DELETE CASCADE,
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (tie_id, key)
) WITHOUT ROWID;

-- Agreements ------------------------------------------------------------------

CREATE TABLE agreement (
  id              INTEGER PRIMARY KEY,
  uuid            BLOB NOT NULL CHECK (length(uuid) = 16),
  title           TEXT NOT NULL,
  type_id         INTEGER REFERENCES agreement_type (id),
  scope_prison_id INTEGER REFERENCES actor (id),
  owner           TEXT NOT NULL DEFAULT '',
  review_date     TEXT,
  work_package    INTEGER CHECK (work_package BETWEEN 1 AND 5),
  notes           TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL CHECK (status IN ('idea', 'discussion', 'agreed', 'formalised', 'practice', 'evaluated', 'stopped')),
  status_date     TEXT NOT NULL
);

CREATE TABLE agreement_party (
  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  actor_id     INTEGER NOT NULL REFERENCES actor (id),
  role         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, position)
) WITHOUT ROWID;

-- Bouwstenen 1-8 that the agreement works on.
CREATE TABLE agreement_building_block (
  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  block        INTEGER NOT NULL CHECK (block BETWEEN 1 AND 8),
  PRIMARY KEY (agreement_id, block)
) WITHOUT ROWID;

CREATE TABLE agreement_document (
  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  title        TEXT NOT NULL,
  reference    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, position)
) WITHOUT ROWID;

-- Views -----------------------------------------------------------------------

CREATE TABLE view (
  id              INTEGER PRIMARY KEY,
  uuid            BLOB NOT NULL CHECK (length(uuid) = 16),
  name            TEXT NOT NULL,
  filter_json     TEXT NOT NULL DEFAULT '{}',
  decoration_json TEXT NOT NULL DEFAULT '{}',
  layout          TEXT NOT NULL DEFAULT '',
  camera_x        REAL NOT NULL DEFAULT 0,
  camera_y        REAL NOT NULL DEFAULT 0,
  zoom            REAL NOT NULL DEFAULT 1
);

CREATE TABLE view_position (
  view_id  INTEGER NOT NULL REFERENCES view (id) ON DELETE CASCADE,
  actor_id INTEGER NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
  x        REAL NOT NULL,
  y        REAL NOT NULL,
  pinned   INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  PRIMARY KEY (view_id, actor_id)
) WITHOUT ROWID;

-- Change log ------------------------------------------------------------------

CREATE TABLE change_log (
  id          INTEGER PRIMARY KEY,
  time        TEXT NOT NULL,
  user        TEXT NOT NULL,
  description TEXT NOT NULL
);

-- The records (by UUID) that one change touched.
CREATE TABLE change_log_item (
  change_id INTEGER NOT NULL REFERENCES change_log (id) ON DELETE CASCADE,
  uuid      BLOB NOT NULL,
  PRIMARY KEY (change_id, uuid)
) WITHOUT ROWID;

-- UUIDs are unique per table (named indexes, so that bulk writes can build
-- them once at the end).
CREATE UNIQUE INDEX sector_uuid ON sector (uuid);
CREATE UNIQUE INDEX actor_type_uuid ON actor_type (uuid);
CREATE UNIQUE INDEX tie_type_uuid ON tie_type (uuid);
CREATE UNIQUE INDEX agreement_type_uuid ON agreement_type (uuid);
CREATE UNIQUE INDEX status_label_uuid ON status_label (uuid);
CREATE UNIQUE INDEX nest_template_uuid ON nest_template (uuid);
CREATE UNIQUE INDEX nest_category_uuid ON nest_category (uuid);
CREATE UNIQUE INDEX actor_uuid ON actor (uuid);
CREATE UNIQUE INDEX contact_uuid ON contact (uuid);
CREATE UNIQUE INDEX tie_uuid ON tie (uuid);
CREATE UNIQUE INDEX agreement_uuid ON agreement (uuid);
CREATE UNIQUE INDEX view_uuid ON view (uuid);

-- Indexes for lookups by foreign key (deleting an actor finds its ties).
CREATE INDEX tie_source ON tie (source_id);
CREATE INDEX tie_target ON tie (target_id);
CREATE INDEX actor_parent ON actor (parent_id);
CREATE INDEX contact_actor ON contact (actor_id);
CREATE INDEX agreement_party_actor ON agreement_party (actor_id);
CREATE INDEX view_position_actor ON view_position (actor_id);

