-- The W3C traceparent of the request that enqueued a delivery (null when tracing is off), so that the
-- delivery's attempts, sent later by a worker, join that request's trace. A trace id and a span id
-- only: no personal data.
alter table webhook_deliveries add column traceparent text;
