/** Grey rows while the first page loads: the layout is there at once, nothing jumps when rows arrive. */
export function LibrarySkeleton() {
  return (
    <div className="story-list story-list-loading" aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading stories…
      </p>
      {Array.from({ length: 8 }, (_, index) => (
        <div key={index} className="story-row story-row-loading" aria-hidden="true">
          <span className="skeleton skeleton-line skeleton-short" />
          <span className="skeleton skeleton-line" />
        </div>
      ))}
    </div>
  );
}
