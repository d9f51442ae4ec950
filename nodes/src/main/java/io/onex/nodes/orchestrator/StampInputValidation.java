package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.onex.api.ComputeNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import java.util.Base64;

/**
 * The metadata-stamping workflow's first step ({@code stamp_input_validation}): checks a {@link StampRequest} and
 * settles the file type and the content type (given, or inferred from the file name). The content itself is not
 * echoed: the hashing step reads it from the workflow's input.
 */
public final class StampInputValidation implements ComputeNode<StampRequest, StampInputValidation.ValidatedInput> {

    /**
     * The checked description of the file.
     *
     * @param fileName the file name
     * @param namespace the namespace, trimmed
     * @param contentType the given or inferred MIME type
     * @param fileType the extension in lower case, or {@code unknown}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ValidatedInput(String fileName, String namespace, String contentType, String fileType) {
    }

    @Override
    public Class<StampRequest> inputType() {
        return StampRequest.class;
    }

    @Override
    public ValidatedInput compute(StampRequest in, NodeContext context) {
        return validate(in);
    }

    /**
     * Checks a request.
     *
     * @throws InvalidInputException naming the first field that is wrong and what was expected
     */
    static ValidatedInput validate(StampRequest in) {
        if (in.content() == null && in.contentBase64() == null) {
            throw new InvalidInputException("content: required, expected the text to stamp in 'content' or its bytes "
                    + "base64-encoded in 'content_base64'");
        }
        if (in.content() != null && in.contentBase64() != null) {
            throw new InvalidInputException("content: give either 'content' or 'content_base64', but both were given");
        }
        if (in.contentBase64() != null) {
            try {
                Base64.getDecoder().decode(in.contentBase64());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("content_base64: expected standard base64, but " + e.getMessage());
            }
        }
        if (in.fileName() == null || in.fileName().isBlank()) {
            throw new InvalidInputException("file_name: required, expected the file's name such as README.md, but was "
                    + (in.fileName() == null ? "missing" : "empty"));
        }
        if (in.namespace() == null || in.namespace().isBlank()) {
            throw new InvalidInputException("namespace: required, expected a non-empty name such as docs, but was "
                    + (in.namespace() == null ? "missing" : "empty"));
        }
        if (in.contentType() != null && !in.contentType().matches("[\\w.+-]+/[\\w.+-]+(;.*)?")) {
            throw new InvalidInputException("content_type: expected a MIME type such as text/plain, but was '"
                    + in.contentType() + "'");
        }
        String fileType = FileTypes.fileType(in.fileName().trim());
        String contentType = in.contentType() != null ? in.contentType() : FileTypes.contentType(fileType);
        return new ValidatedInput(in.fileName().trim(), in.namespace().trim(), contentType, fileType);
    }
}
