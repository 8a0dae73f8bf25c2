package dev.ledgerstream.admin.export;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/community/{id}/audit?format=jsonl|csv&days=90} (SPEC 7): every ledger
 * operation of the last {@code days} days, streamed from a database cursor straight into the
 * response, so that memory stays flat however many rows there are. The answer is written on the
 * request thread (no async timeout applies); a failure before the first row is an ordinary problem
 * answer, a failure after it aborts the connection so the download is visibly incomplete. Exports
 * running at once are bounded ({@link ExportPermits}); the cache and sniffing headers come from
 * {@code SecurityHeaders}, as for every API answer.
 */
@RestController
@Tag(name = "community")
class AuditExportController {

    private static final Logger log = LoggerFactory.getLogger(AuditExportController.class);
    private static final int BUFFER_CHARS = 64 * 1024;

    private final TenantReads reads;
    private final ReadLimits limits;
    private final ExportPermits permits;
    private final Clock clock;
    private final int fetchSize;

    AuditExportController(TenantReads reads, ReadLimits limits, ExportPermits permits, Clock clock) {
        this.reads = reads;
        this.limits = limits;
        this.permits = permits;
        this.clock = clock;
        this.fetchSize = limits.exportFetchSize();
    }

    @Operation(summary = "Streamed audit export of every ledger operation of the last `days` days",
            description = "Columns: timestamp, operation_type, amount_micro, lot_id, payment_id, finalization_id, "
                    + "model_pool, nft_id, tokens_input, tokens_output, conservation_guard_result.",
            responses = @ApiResponse(responseCode = "200", description = "the export, as an attachment", content = {
                @Content(mediaType = "application/jsonl", schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))}))
    @GetMapping(path = "/api/v1/admin/community/{id}/audit")
    void audit(AdminPrincipal principal, @PathVariable("id") String id,
            @RequestParam(name = "format", required = false) String format,
            @RequestParam(name = "days", required = false) String days, HttpServletResponse response) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        AuditFormat chosen = AuditFormat.of(format);
        int window = RequestParameters.bounded("days", days, limits.exportDefaultDays(), 1, limits.exportMaxDays());
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(window));
        long started = System.nanoTime();
        long rows;
        try (ExportPermits.Permit permit = permits.acquire(community)) {
            rows = reads.exportInCommunity(community, connection -> {
                Writer[] out = new Writer[1];
                long count = AuditQuery.stream(connection, community, since, fetchSize,
                        () -> out[0] = start(response, chosen, community, now, window),
                        row -> write(out[0], chosen, row));
                finish(out[0]);
                return count;
            });
        }
        log.info("audit export of community {}: {} rows as {} over {} days in {} ms", community, rows, chosen.extension(),
                window, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static Writer start(HttpServletResponse response, AuditFormat format, UUID community, Instant now,
            int days) {
        String name = "audit-" + community + "-" + LocalDate.ofInstant(now, ZoneOffset.UTC) + "-" + days + "d."
                + format.extension();
        response.setStatus(200);
        response.setContentType(format.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                    BUFFER_CHARS);
            format.header(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Writer out, AuditFormat format, AuditRow row) {
        try {
            format.row(out, row);
        } catch (IOException e) {
            // Usually the client went away; the transaction is rolled back and the connection returned.
            throw new UncheckedIOException(e);
        }
    }

    private static void finish(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
