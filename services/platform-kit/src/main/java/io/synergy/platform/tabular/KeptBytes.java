package io.synergy.platform.tabular;

/**
 * The kept bytes of one rendering of an answer, as a response's entity: written by {@link KeptBytesWriter} a slice at a
 * time, never copied whole. The array is shared by every response and never changed.
 *
 * @param bytes the rendering
 */
public record KeptBytes(byte[] bytes) {}
