-- Schema 1 → 2: an agreement's status becomes a dated history.
-- Schema 1 kept only the current status and the date it was set
-- (agreement.status, agreement.status_date); that becomes the first entry
-- of agreement_status, and the two columns go.

CREATE TABLE agreement_status (
  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  date         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('idea', 'discussion', 'agreed', 'formalised', 'practice', 'evaluated', 'stopped')),
  note         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, position)
) WITHOUT ROWID;

INSERT INTO agreement_status (agreement_id, position, date, status, note)
SELECT id, 0, status_date, status, 'overgenomen uit schema 1'
FROM agreement;

ALTER TABLE agreement DROP COLUMN status;
ALTER TABLE agreement DROP COLUMN status_date;
