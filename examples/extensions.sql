-- User functions: SHOUT, LONGEST and WORDS come from examples/extensions/text-functions.js,
-- CLAMP and MEAN from examples/extensions/scores.ts (see examples/extensions/README.md).
-- Run it with:
--   npx streamsql run examples/extensions.sql --extensions-dir examples/extensions --data-dir "$(mktemp -d)"

SET 'auto.offset.reset' = 'earliest';

CREATE STREAM reviews (id INT KEY, author STRING, body STRING, score DOUBLE)
  WITH (KAFKA_TOPIC = 'reviews', PARTITIONS = 1, VALUE_FORMAT = 'JSON');

INSERT INTO reviews (id, author, body, score) VALUES (1, 'alice', 'great little engine', 4.5);
INSERT INTO reviews (id, author, body, score) VALUES (2, 'bob', 'too slow', 7.0);
INSERT INTO reviews (id, author, body, score) VALUES (3, 'alice', 'fast', -1.0);
INSERT INTO reviews (id, author, body, score) VALUES (4, 'bob', 'reads my ksqlDB scripts', 3.0);

-- A scalar function in a projection, with two signatures.
SELECT id, SHOUT(author) AS author, SHOUT(body, 2) AS body, CLAMP(score, 0.0, 5.0) AS score
  FROM reviews EMIT CHANGES LIMIT 4;

-- User aggregates in a persistent table.
CREATE TABLE authors AS
  SELECT author, LONGEST(body) AS longest_review, MEAN(CLAMP(score, 0.0, 5.0)) AS mean_score
  FROM reviews GROUP BY author EMIT CHANGES;

SELECT * FROM authors EMIT CHANGES LIMIT 4;

-- A user table function: one row per word.
SELECT id, WORDS(body) AS word FROM reviews EMIT CHANGES LIMIT 10;

DESCRIBE FUNCTION SHOUT;
