/**
 * Located YAML: the machinery the contract loader and the workflow loader share to read a YAML file and say exactly
 * where it is wrong.
 *
 * <ul>
 *   <li>{@link io.onex.runtime.yaml.YamlTreeReader} parses text into a {@link io.onex.runtime.yaml.YamlNode} tree
 *       whose every node remembers its line and column (syntax errors and duplicate keys become problems);</li>
 *   <li>{@link io.onex.runtime.yaml.FileProblems} collects the located problems of one file;</li>
 *   <li>{@link io.onex.runtime.yaml.EnvironmentSubstitution} resolves {@code ${env:NAME}} and
 *       {@code ${env:NAME:-default}} in scalars against a given environment;</li>
 *   <li>{@link io.onex.runtime.yaml.ValueReader} interprets a node as a typed value (string, integer, number,
 *       boolean, duration, one-of, list, mapping, free-form), substituting first and reporting what was expected;</li>
 *   <li>{@link io.onex.runtime.yaml.Section} is a mapping at a dotted path with its allowed keys: opening one
 *       rejects unknown keys, its getters read typed values at the key's position.</li>
 * </ul>
 *
 * <p>Nothing here knows contracts or workflows; the binders that do live in their own packages.
 */
package io.onex.runtime.yaml;
