// The reader opens items by their section; the rule is shared with main's search.
export { sectionOf } from '../../../shared/notebook/item-section';
