/** General OpenTelemetry attribute names (outside the GenAI namespace) that ragtrace reads. */

/** A user session spanning several traces (OTel `session.*` registry). */
export const ATTR_SESSION_ID = 'session.id';
/** The end user a request acts for (OTel `user.*` registry). */
export const ATTR_USER_ID = 'user.id';
