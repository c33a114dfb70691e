-- Hourly rollups of the cost ledger: one row per (tenant, UTC hour, key) with the sums of every amount.
-- RecordCosts adds each newly written ledger row to both in the same statement as the ledger insert (so in the
-- same transaction), and QueryCost reads the smallest one that covers the query's dimensions instead of scanning
-- the ledger when the query allows (no tag dimension; a zone whose offset is whole hours; partial hours at the
-- range's edges are scanned). Tags are not in any key: free tags would multiply the rows; tag queries scan.
--   cost_hourly          key: provider, model, team, feature, customer, user_id, environment, pricing_status
--   cost_hourly_feature  the same without customer and user_id (which dominate the row count)
CREATE TABLE attribution.cost_hourly (
    tenant_id              TEXT        NOT NULL,
    hour_utc               TIMESTAMPTZ NOT NULL,
    provider               TEXT        NOT NULL,
    model                  TEXT        NOT NULL,
    team                   TEXT        NOT NULL,
    feature                TEXT        NOT NULL,
    customer               TEXT        NOT NULL,
    user_id                TEXT        NOT NULL,
    environment            TEXT        NOT NULL,
    pricing_status         TEXT        NOT NULL,
    cost_nanos             BIGINT      NOT NULL DEFAULT 0,
    input_tokens           BIGINT      NOT NULL DEFAULT 0,
    cached_input_tokens    BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_tokens  BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_tokens  BIGINT      NOT NULL DEFAULT 0,
    output_tokens          BIGINT      NOT NULL DEFAULT 0,
    reasoning_tokens       BIGINT      NOT NULL DEFAULT 0,
    input_audio_tokens     BIGINT      NOT NULL DEFAULT 0,
    output_audio_tokens    BIGINT      NOT NULL DEFAULT 0,
    input_image_tokens     BIGINT      NOT NULL DEFAULT 0,
    output_image_tokens    BIGINT      NOT NULL DEFAULT 0,
    embedding_tokens       BIGINT      NOT NULL DEFAULT 0,
    training_tokens        BIGINT      NOT NULL DEFAULT 0,
    training_epochs        BIGINT      NOT NULL DEFAULT 0,
    requests               BIGINT      NOT NULL DEFAULT 0,
    web_search_queries     BIGINT      NOT NULL DEFAULT 0,
    input_nanos            BIGINT      NOT NULL DEFAULT 0,
    cached_input_nanos     BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_nanos   BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_nanos   BIGINT      NOT NULL DEFAULT 0,
    output_nanos           BIGINT      NOT NULL DEFAULT 0,
    reasoning_nanos        BIGINT      NOT NULL DEFAULT 0,
    input_audio_nanos      BIGINT      NOT NULL DEFAULT 0,
    output_audio_nanos     BIGINT      NOT NULL DEFAULT 0,
    input_image_nanos      BIGINT      NOT NULL DEFAULT 0,
    output_image_nanos     BIGINT      NOT NULL DEFAULT 0,
    embedding_nanos        BIGINT      NOT NULL DEFAULT 0,
    training_nanos         BIGINT      NOT NULL DEFAULT 0,
    request_nanos          BIGINT      NOT NULL DEFAULT 0,
    web_search_nanos       BIGINT      NOT NULL DEFAULT 0,
    event_count            BIGINT      NOT NULL DEFAULT 0,
    unpriced_count         BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, hour_utc, provider, model, team, feature, customer, user_id, environment, pricing_status)
);

-- Rows already in the ledger (a deployment that ran before this migration) are rolled up once here.
INSERT INTO attribution.cost_hourly (tenant_id, hour_utc, provider, model, team, feature, customer, user_id, environment, pricing_status, cost_nanos, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, input_audio_tokens, output_audio_tokens, input_image_tokens, output_image_tokens, embedding_tokens, training_tokens, training_epochs, requests, web_search_queries, input_nanos, cached_input_nanos, cache_write_5m_nanos, cache_write_1h_nanos, output_nanos, reasoning_nanos, input_audio_nanos, output_audio_nanos, input_image_nanos, output_image_nanos, embedding_nanos, training_nanos, request_nanos, web_search_nanos, event_count, unpriced_count)
SELECT tenant_id, date_trunc('hour', occurred_at, 'UTC'), provider, model, team, feature, customer, user_id, environment, pricing_status,
       SUM(cost_nanos), SUM(input_tokens), SUM(cached_input_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(input_audio_tokens), SUM(output_audio_tokens), SUM(input_image_tokens), SUM(output_image_tokens), SUM(embedding_tokens), SUM(training_tokens), SUM(training_epochs), SUM(requests), SUM(web_search_queries), SUM(input_nanos), SUM(cached_input_nanos), SUM(cache_write_5m_nanos), SUM(cache_write_1h_nanos), SUM(output_nanos), SUM(reasoning_nanos), SUM(input_audio_nanos), SUM(output_audio_nanos), SUM(input_image_nanos), SUM(output_image_nanos), SUM(embedding_nanos), SUM(training_nanos), SUM(request_nanos), SUM(web_search_nanos),
       COUNT(*), COUNT(*) FILTER (WHERE pricing_status = 'UNPRICED')
FROM attribution.cost_ledger
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

CREATE TABLE attribution.cost_hourly_feature (
    tenant_id              TEXT        NOT NULL,
    hour_utc               TIMESTAMPTZ NOT NULL,
    provider               TEXT        NOT NULL,
    model                  TEXT        NOT NULL,
    team                   TEXT        NOT NULL,
    feature                TEXT        NOT NULL,
    environment            TEXT        NOT NULL,
    pricing_status         TEXT        NOT NULL,
    cost_nanos             BIGINT      NOT NULL DEFAULT 0,
    input_tokens           BIGINT      NOT NULL DEFAULT 0,
    cached_input_tokens    BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_tokens  BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_tokens  BIGINT      NOT NULL DEFAULT 0,
    output_tokens          BIGINT      NOT NULL DEFAULT 0,
    reasoning_tokens       BIGINT      NOT NULL DEFAULT 0,
    input_audio_tokens     BIGINT      NOT NULL DEFAULT 0,
    output_audio_tokens    BIGINT      NOT NULL DEFAULT 0,
    input_image_tokens     BIGINT      NOT NULL DEFAULT 0,
    output_image_tokens    BIGINT      NOT NULL DEFAULT 0,
    embedding_tokens       BIGINT      NOT NULL DEFAULT 0,
    training_tokens        BIGINT      NOT NULL DEFAULT 0,
    training_epochs        BIGINT      NOT NULL DEFAULT 0,
    requests               BIGINT      NOT NULL DEFAULT 0,
    web_search_queries     BIGINT      NOT NULL DEFAULT 0,
    input_nanos            BIGINT      NOT NULL DEFAULT 0,
    cached_input_nanos     BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_nanos   BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_nanos   BIGINT      NOT NULL DEFAULT 0,
    output_nanos           BIGINT      NOT NULL DEFAULT 0,
    reasoning_nanos        BIGINT      NOT NULL DEFAULT 0,
    input_audio_nanos      BIGINT      NOT NULL DEFAULT 0,
    output_audio_nanos     BIGINT      NOT NULL DEFAULT 0,
    input_image_nanos      BIGINT      NOT NULL DEFAULT 0,
    output_image_nanos     BIGINT      NOT NULL DEFAULT 0,
    embedding_nanos        BIGINT      NOT NULL DEFAULT 0,
    training_nanos         BIGINT      NOT NULL DEFAULT 0,
    request_nanos          BIGINT      NOT NULL DEFAULT 0,
    web_search_nanos       BIGINT      NOT NULL DEFAULT 0,
    event_count            BIGINT      NOT NULL DEFAULT 0,
    unpriced_count         BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, hour_utc, provider, model, team, feature, environment, pricing_status)
);

-- Rows already in the ledger (a deployment that ran before this migration) are rolled up once here.
INSERT INTO attribution.cost_hourly_feature (tenant_id, hour_utc, provider, model, team, feature, environment, pricing_status, cost_nanos, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, input_audio_tokens, output_audio_tokens, input_image_tokens, output_image_tokens, embedding_tokens, training_tokens, training_epochs, requests, web_search_queries, input_nanos, cached_input_nanos, cache_write_5m_nanos, cache_write_1h_nanos, output_nanos, reasoning_nanos, input_audio_nanos, output_audio_nanos, input_image_nanos, output_image_nanos, embedding_nanos, training_nanos, request_nanos, web_search_nanos, event_count, unpriced_count)
SELECT tenant_id, date_trunc('hour', occurred_at, 'UTC'), provider, model, team, feature, environment, pricing_status,
       SUM(cost_nanos), SUM(input_tokens), SUM(cached_input_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(input_audio_tokens), SUM(output_audio_tokens), SUM(input_image_tokens), SUM(output_image_tokens), SUM(embedding_tokens), SUM(training_tokens), SUM(training_epochs), SUM(requests), SUM(web_search_queries), SUM(input_nanos), SUM(cached_input_nanos), SUM(cache_write_5m_nanos), SUM(cache_write_1h_nanos), SUM(output_nanos), SUM(reasoning_nanos), SUM(input_audio_nanos), SUM(output_audio_nanos), SUM(input_image_nanos), SUM(output_image_nanos), SUM(embedding_nanos), SUM(training_nanos), SUM(request_nanos), SUM(web_search_nanos),
       COUNT(*), COUNT(*) FILTER (WHERE pricing_status = 'UNPRICED')
FROM attribution.cost_ledger
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
