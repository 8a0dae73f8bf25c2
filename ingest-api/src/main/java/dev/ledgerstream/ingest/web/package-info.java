/**
 * HTTP concerns shared by the ingest endpoints: size-limited body reading. The problem type and its
 * one mapping are the chassis' ({@code dev.ledgerstream.servicekit.web}); endpoint logic lives in
 * the feature packages.
 */
package dev.ledgerstream.ingest.web;
