-- Page views: a stream of views, cleaned up, filtered and re-keyed by user.
-- Run it with:  npx streamsql run examples/pageviews.sql --data-dir "$(mktemp -d)"

-- Read every stream from its beginning (ksqlDB's default is 'latest').
SET 'auto.offset.reset' = 'earliest';

CREATE STREAM pageviews (
  view_id BIGINT KEY,
  user_id STRING,
  page STRING,
  duration_ms INT,
  viewed_at STRING
) WITH (
  KAFKA_TOPIC = 'pageviews',
  PARTITIONS = 2,
  VALUE_FORMAT = 'JSON',
  TIMESTAMP = 'viewed_at',
  TIMESTAMP_FORMAT = 'yyyy-MM-dd''T''HH:mm:ss'
);

INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (1, 'alice', '/home', 1200, '2026-11-25T09:00:00');
INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (2, 'bob', '/pricing', 300, '2026-11-25T09:00:05');
INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (3, 'alice', '/docs/intro', 45000, '2026-11-25T09:00:09');
INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (4, 'carol', '/home', 2500, '2026-11-25T09:01:00');
INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (5, 'bob', '/docs/install', 61000, '2026-11-25T09:01:30');
INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (6, 'dave', '/blog/streams', 800, '2026-11-25T09:02:10');
INSERT INTO pageviews (view_id, user_id, page, duration_ms, viewed_at) VALUES (7, 'carol', '/docs/intro', 15000, '2026-11-25T09:02:45');

-- Views of a second or more, keyed by user, with the section of the site they were in.
CREATE STREAM long_views WITH (KAFKA_TOPIC = 'long_views') AS
  SELECT
    user_id,
    page,
    CASE WHEN page LIKE '/docs/%' THEN 'docs' ELSE 'site' END AS section,
    CAST(duration_ms AS DOUBLE) / 1000 AS view_seconds
  FROM pageviews
  WHERE duration_ms >= 1000
  PARTITION BY user_id
  EMIT CHANGES;

SELECT user_id, page, section, view_seconds FROM long_views EMIT CHANGES LIMIT 5;
