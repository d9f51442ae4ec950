/**
 * Topic names: the ONEX naming convention, resolution of topic references, dead-letter names, and the one set of
 * constants for the bridge topics that producers and consumers both use.
 */
package io.onex.api.topic;
