package video.data;

/**
 * Where the in-context world places the objects that must stay wholly in view for a whole segment
 * (every object under {@link MotionFamily#OBJECT_MOTION}, the first object of a pan).
 */
public enum Spawn {
    /**
     * Anywhere the object stays in view while moving under the segment's own rule. Uses the whole
     * frame, but the first frame hints at the direction: an object moving right starts in the left part.
     */
    FOR_RULE,
    /**
     * Only where the object stays in view whatever the direction at the rule's speed: a centred box
     * of side {@code extent − size − 2·speed·(framesPerSegment − 1) + 1}. The first frame then says
     * nothing about the rule, and a scene laid out for one rule can be played under any other
     * (an opposite-rule continuation does not leave the view). Needs
     * {@code maxSize + 2·maxSpeed·(framesPerSegment − 1) ≤ min(height, width)}.
     */
    ANY_DIRECTION
}
