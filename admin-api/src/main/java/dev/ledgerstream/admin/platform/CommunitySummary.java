package dev.ledgerstream.admin.platform;

/**
 * One community's ledger totals, for the platform admin's community picker.
 *
 * @param balanceMicro remaining credit over its lots
 * @param usageEvents  usage finalizations recorded
 */
record CommunitySummary(String communityId, long lots, String balanceMicro, long usageEvents) {
}
