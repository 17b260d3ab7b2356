import type { Attributes } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { ConfigurationError } from '../configuration-error.js';

export interface ResourceOptions {
  serviceName?: string;
  resourceAttributes?: Attributes;
}

/** SDK defaults, overridden by OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME, overridden by options. */
export function buildResource(options: ResourceOptions): Resource {
  const explicit: Attributes = { ...options.resourceAttributes };
  if (options.serviceName !== undefined) {
    if (options.serviceName.trim() === '') {
      throw new ConfigurationError('serviceName', options.serviceName, 'a non-empty string');
    }
    explicit[ATTR_SERVICE_NAME] = options.serviceName;
  }
  return defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes(explicit));
}
