import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanPickItems } from '../common/scanItems';

const row = {
    uri: 'file:///ws/shop/slow.py',
    line: 9,
    file: 'shop/slow.py',
    qualname: 'Cart.total',
    self_s: 0.25,
    total_s: 0.5,
    self_share: 0.123,
    total_share: 0.246,
    calls: null,
};

describe('scanPickItems', () => {
    it('lists the hottest functions with their share, place and figures', () => {
        const out = scanPickItems({ workload: 'pytest', functions: [row, { ...row, self_share: 0.004, calls: 12 }] });
        assert.ok('items' in out);
        assert.equal(out.items[0].label, '$(flame) 12%  Cart.total');
        assert.equal(out.items[0].description, 'shop/slow.py:10');
        assert.equal(out.items[0].detail, '250 ms self, 500 ms with callees (25%)');
        assert.equal(out.items[0].line, 9);
        assert.equal(out.items[1].label, '$(flame) 0.4%  Cart.total');
        assert.match(out.items[1].detail, / · 12 calls$/);
    });

    it('says why when there is nothing to pick', () => {
        assert.deepEqual(scanPickItems(null), { reason: '' });
        const empty = scanPickItems({ workload: 'pytest -k x', functions: [] });
        assert.ok('reason' in empty && empty.reason.includes('pytest -k x'));
        assert.ok('reason' in scanPickItems({}));
    });
});
