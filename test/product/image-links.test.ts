import { describe, expect, it } from 'vitest';
import { splitImageLinks } from '../../src/product/image-links.js';

describe('splitImageLinks', () => {
  it('splits on commas, with or without spaces', () => {
    expect(splitImageLinks('https://a.example/1.jpg,https://a.example/2.jpg, https://a.example/3.jpg')).toEqual([
      'https://a.example/1.jpg',
      'https://a.example/2.jpg',
      'https://a.example/3.jpg',
    ]);
  });

  it('keeps commas inside a URL: only a comma before http(s):// separates', () => {
    expect(splitImageLinks('https://cdn.example/w_400,h_400/1.jpg,https://cdn.example/c_fill,w_50/2.jpg')).toEqual([
      'https://cdn.example/w_400,h_400/1.jpg',
      'https://cdn.example/c_fill,w_50/2.jpg',
    ]);
    expect(splitImageLinks('HTTP://a.example/1.jpg,HTTPS://a.example/2.jpg')).toEqual(['HTTP://a.example/1.jpg', 'HTTPS://a.example/2.jpg']);
  });

  it('leaves a non-URL after a comma attached, for the URL check to refuse', () => {
    expect(splitImageLinks('https://a.example/1.jpg, /relative/2.jpg')).toEqual(['https://a.example/1.jpg, /relative/2.jpg']);
  });

  it('drops empty entries and trailing commas', () => {
    expect(splitImageLinks('')).toEqual([]);
    expect(splitImageLinks('  ')).toEqual([]);
    expect(splitImageLinks(' https://a.example/1.jpg ')).toEqual(['https://a.example/1.jpg']);
    expect(splitImageLinks('https://a.example/1.jpg,,https://a.example/2.jpg,')).toEqual(['https://a.example/1.jpg', 'https://a.example/2.jpg']);
  });
});
