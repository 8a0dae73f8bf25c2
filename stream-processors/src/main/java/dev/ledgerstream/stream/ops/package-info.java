/** Operating the stream processors: health from the Streams state. Metrics are bound in {@code config}. */
package dev.ledgerstream.stream.ops;
