package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structure scan that backs up hcl4j finds the errors hcl4j forgives. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HclTest {

    private static final String VALID = """
            # a comment with a } brace
            locals {
              name = "ledger-${var.environment}" // another { comment
              list = [for k, v in var.m : format("%s=%s", k, v)]
              text = <<-EOT
                a heredoc with ${var.x} and a stray ] bracket
              EOT
              /* a block
                comment ( */
              escaped = "a \\" quote and $${literal} text"
            }
            """;

    @Test
    void accepts_well_formed_configuration() {
        assertThat(Hcl.structureProblems(VALID)).isEmpty();
        assertThat(Hcl.layoutProblems(VALID)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "resource \"a\" \"b\" {\n  x = 1\n",
        "locals {\n  x = \"unterminated\n}\n",
        "locals {\n  x = [1, 2}\n}\n",
        "locals {\n  x = \"${var.y\"\n}\n",
        "locals {\n  x = <<EOT\n  text\n}\n",
        "locals {\n  /* open\n}\n",
        "locals {\n  x = 1\n}\n}\n",
    })
    void reports_broken_structure(String source) {
        assertThat(Hcl.structureProblems(source)).isNotEmpty();
    }

    @Test
    void reports_layout_that_terraform_fmt_would_change() {
        assertThat(Hcl.layoutProblems("locals {\n\tx = 1\n}\n")).isNotEmpty();
        assertThat(Hcl.layoutProblems("locals {\n   x = 1\n}\n")).isNotEmpty();
        assertThat(Hcl.layoutProblems("locals {\n  x = 1 \n}\n")).isNotEmpty();
        assertThat(Hcl.layoutProblems("locals {\n  x = 1\n}")).isNotEmpty();
    }
}
