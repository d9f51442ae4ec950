package io.onex.runtime.contract.internal;

import io.onex.runtime.contract.ContractKey;
import java.util.List;

/** Writes {@code docs/contract-reference.md} from the contract table. */
public final class ContractReferenceWriter {

    private ContractReferenceWriter() {
    }

    /**
     * @param keys the contract table
     * @param rules the rules between keys
     * @return the page, Markdown, ending with a line break
     */
    public static String write(List<ContractKey> keys, List<String> rules) {
        StringBuilder s = new StringBuilder();
        s.append("# Contract reference\n\n")
                .append("<!-- Generated from io.onex.runtime.contract.ContractTable by ContractTableFilesTest: do not ")
                .append("edit. To regenerate this page and the JSON Schema after changing the table, run\n")
                .append("     mvn -B -o -q -pl node-runtime -am test -Dtest=ContractTableFilesTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Donex.regenerate=true -->\n\n")
                .append("Every key a node contract may hold. A key not listed here is an error, except inside ")
                .append("`config:`, which is the node's own (read it with `NodeConfigReader`). Any scalar may be ")
                .append("written as `${env:NAME}` or `${env:NAME:-default}`, resolved when the contract is loaded.\n\n")
                .append("| Key | Type | Required | Default | Range | Environment fallback | Description |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ContractKey k : keys) {
            s.append("| `").append(k.path()).append("` | ").append(k.type().label())
                    .append(" | ").append(k.required() ? "yes" : "")
                    .append(" | ").append(code(k.defaultText()))
                    .append(" | ").append(code(k.type().range()))
                    .append(" | ").append(k.environmentVariable().map(v -> "`" + v + "`").orElse(""))
                    .append(" | ").append(cell(k.doc())).append(" |\n");
        }
        s.append("\n## Environment fallbacks\n\n")
                .append("A key with an environment fallback takes, in this order: the value the contract gives, ")
                .append("else the environment variable when it is set and not blank, else the default. The ")
                .append("variable is checked as the runtime configuration checks it (`onex config`); a bad value ")
                .append("is reported at the contract that falls back to it.\n\n")
                .append("`KAFKA_CONSUMER_GROUP` is one value for a whole process, and nodes sharing a consumer ")
                .append("group would split each other's partitions. So it applies only when, among the contracts ")
                .append("loaded together (one folder, or one file), exactly one subscribing node gives no ")
                .append("`consumer.group_id`: that node takes it. With two or more such nodes, each keeps its ")
                .append("contract name as its group and the loader logs a warning; give them `group_id`s of their ")
                .append("own.\n\n")
                .append("## Rules between keys\n\n");
        for (String rule : rules) {
            s.append("- ").append(rule).append('\n');
        }
        return s.toString();
    }

    private static String code(String text) {
        if (text.isEmpty() || text.startsWith("(") && text.endsWith(")") || text.contains(" ")) {
            return cell(text);
        }
        return "`" + text.replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
