/** General OpenTelemetry attribute names (outside the GenAI namespace) that ragtrace reads. */

/** A user session spanning several traces (OTel `session.*` registry). */
export const ATTR_SESSION_ID = 'session.id';
/** The end user a request acts for (OTel `user.*` registry). */
export const ATTR_USER_ID = 'user.id';
/** The service a resource describes (OTel `service.*` registry); the exporter copies it to `ServiceName`. */
export const ATTR_SERVICE_NAME = 'service.name';
/** An event's name as a log attribute, how senders wrote it before OTLP had `event_name`. */
export const ATTR_EVENT_NAME = 'event.name';
/** Host name or address of the server a client call went to (OTel `server.*` registry). */
export const ATTR_SERVER_ADDRESS = 'server.address';
/** Port of the server a client call went to (OTel `server.*` registry). */
export const ATTR_SERVER_PORT = 'server.port';
