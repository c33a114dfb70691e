-- A tenant's deployment names (Azure OpenAI deployments such as "prod-chat") and the model each serves, used to
-- resolve that tenant's events only. Names are stored lowercase (matching is case-insensitive); setting a
-- deployment again replaces its model. Not effective-dated: a deployment renamed to another model is a new mapping.
CREATE TABLE pricing.tenant_deployment (
    tenant_id   TEXT        NOT NULL,
    provider    TEXT        NOT NULL,
    deployment  TEXT        NOT NULL,
    model       TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider, deployment)
);
