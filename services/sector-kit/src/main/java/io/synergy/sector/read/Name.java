package io.synergy.sector.read;

/** A name in Chinese and in English (bureau staff read the first, the city's partners the second). */
public record Name(String zh, String en) {}
