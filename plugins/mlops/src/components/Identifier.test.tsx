import { render } from '@testing-library/react';
import { Identifier } from './Identifier';

describe('Identifier', () => {
  it('may break after underscores and dots, and reads as the name', () => {
    const { container } = render(
      <Identifier name="curated.visited_cancellation_page" />,
    );
    expect(container.textContent).toBe('curated.visited_cancellation_page');
    expect(container.firstElementChild!.innerHTML).toBe(
      'curated.<wbr>visited_<wbr>cancellation_<wbr>page',
    );
  });
});
