import { Fragment } from 'react';

/**
 * A column or table name, e.g. `visited_cancellation_page`, that a narrow
 * cell may wrap after `_` or `.` but never inside a word (table cells break
 * anywhere otherwise). `<wbr>` leaves the copied text as it was (a
 * zero-width space would not).
 */
export function Identifier(props: { name: string }) {
  const parts = props.name.split(/(?<=[_.])/);
  return (
    <span style={{ overflowWrap: 'normal', wordBreak: 'normal' }}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
