/** Reported as the instrumentation scope's name and version. */
export const PACKAGE_NAME = '@ragtrace/instrumentation-pinecone';
export const PACKAGE_VERSION = '0.1.0';
